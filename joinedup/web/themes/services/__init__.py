"""What the themes pages do, one module per concern: the codebook, coding, agreement
between coders, counts by theme and period, and "when could we have known"."""
