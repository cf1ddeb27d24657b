station,time,sea_level
A,2020-01-01,1.0
