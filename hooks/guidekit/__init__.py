"""Plain functions behind the MkDocs hooks: load, validate and render the guide's data.

Nothing in this package imports MkDocs, so it can be unit-tested on its own and
outlive the site generator. The thin modules in `hooks/` connect it to MkDocs.
"""
