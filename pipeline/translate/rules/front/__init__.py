"""Front passes: Python ast -> IR (lower), classes -> ClassModel, infinite-generator plans."""
