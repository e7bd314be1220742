import COECommands
import Foundation
import TestSupport

/// Runs `coe` in this process, through the same entry point as the binary, with its own streams,
/// environment and folder. The environment is only what the test gives (plus a fixed help width), so
/// nothing of the machine running the tests leaks into the output.
func coeInProcess(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: String = "",
                  terminal: Bool = false) -> ProcessResult {
    let output = CommandOutput.memory(isTerminal: terminal), errors = CommandOutput.memory(isTerminal: terminal)
    let context = CommandContext(output: output, errors: errors, readInput: { Data(input.utf8) }, environment: environment,
                                 currentDirectory: directory, columns: 80)
    let status = COECommand.run(arguments, in: context)
    return ProcessResult(status: status, stdout: output.text, stderr: errors.text)
}
