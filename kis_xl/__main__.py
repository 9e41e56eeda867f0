from kis_xl.fronts.launch import main

main()
