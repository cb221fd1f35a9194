# A stand-in for a BuildStream element plugin; bgx never runs Python plugins.
