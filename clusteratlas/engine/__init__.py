"""What each static-site engine needs to build the atlas's pages; everything else is the atlas's own."""
