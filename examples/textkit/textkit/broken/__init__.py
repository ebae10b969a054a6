"""Deliberately broken inputs for the pipeline's ingest stage.

Never import the modules in this folder: broken_syntax.py does not parse,
latin1_comments.py is not UTF-8, empty.py is empty and blob.py is binary.
"""
