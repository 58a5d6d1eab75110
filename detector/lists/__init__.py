"""Reference lists (rules/lists/*.yaml): protected signs, famous marks, place names ... as a terms table."""

from detector.lists.load import ReferenceList, load_list_file, terms_table

__all__ = ["ReferenceList", "load_list_file", "terms_table"]
