from kis_xl.cli import main

main()
