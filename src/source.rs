//! Sources: loading articles from files, folders and standard input, with
//! the metadata an editor knows about each (outlet, published date).
