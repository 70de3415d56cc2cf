return FrequencyLab.Cli.CliRunner.Run(args);
