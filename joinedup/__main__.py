from joinedup.cli.main import main

main()
