print("pallet")
