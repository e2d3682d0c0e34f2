"""The demo's content: invented people and organisations around real places and programmes.

Every text a city writes is given in Finnish, Swedish and English. Proposals and reviews are written by
their authors in one language, as in real life, and carry that language.
"""
