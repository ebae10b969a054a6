"""back"""
