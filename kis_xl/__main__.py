from kis_xl.fronts.cli import main

main()
