"""Loading, segmentation and extraction: files in, contract records out."""
