"""editkit: from a source text and edition data to the Markdown pages of a scholarly edition."""
