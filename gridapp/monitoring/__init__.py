"""红黄绿 monitoring: indicators, rules as data, the computed colour, its history and the 预警 it raises."""
