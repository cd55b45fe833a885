//! Sentence segmentation for news copy.
