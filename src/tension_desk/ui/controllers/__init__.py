"""One small controller per tab of a session: it loads the tab from the desk and turns the tab's requests into
undoable commands (one command, one service call). Views never write; ``SessionView`` only lays the tabs out."""
