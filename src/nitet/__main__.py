from nitet.cli import main

main()
