"""The API areas: one module per area, each holding one mixin of the Mastodon class."""
