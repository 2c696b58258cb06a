"""The panel's pages: members.py, proposals.py, drafts.py and log.py."""
