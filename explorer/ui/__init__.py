"""The Qt face of the program: views lay out and style, controllers talk to the core."""
