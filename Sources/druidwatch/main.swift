print("druidwatch")
