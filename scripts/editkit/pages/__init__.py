"""Markdown pages made from the model: one module a page."""
