"""The transparency app's services: counting (`counting`), publishing (`publishing`), the
public pages (`site`), the annual report (`report`) and the export (`export`)."""
