"""Tests of briefings/: reading, understanding and the library."""
