from dikkevandale.cli.app import main

main()
