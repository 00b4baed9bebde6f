from dikkevandale.cli import main

main()
