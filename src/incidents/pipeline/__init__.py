"""From the model's answer to validated incidents: the article (:mod:`.article`), the working
draft (:mod:`.draft`), and the ordered post-processing stages (:mod:`.stages`, one rule per
module in :mod:`.rules`)."""
