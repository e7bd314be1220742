import COECommands

COECommand.main()
