package dev.switchboard.cli;

import dev.switchboard.config.GatewayToken;
import dev.switchboard.config.TokenHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code switchboard token}: the access tokens of the gateway ({@code switchboard serve}). */
@Command(name = "token", description = "Access tokens for the gateway (switchboard serve).",
        subcommands = TokenCommand.Create.class)
final class TokenCommand extends BaseCommand {

    @Override
    int execute() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    /**
     * {@code switchboard token create NAME}: a new random token and its hash, each printed once. The token goes to its
     * user; the hash into {@code gateway.tokens}. Nothing is stored: a lost token is replaced, not recovered.
     */
    @Command(name = "create", description = {"Print a new random access token and its hash, as two lines: "
            + "'token: <TOKEN>' and 'hash: <HASH>'.",
        "Give the token to its user (it is shown only now) and put the hash into the configuration: "
            + "gateway: {tokens: [{name: NAME, hash: \"<HASH>\"}]}. The hash is PBKDF2-HMAC-SHA256 with a salt of its"
            + " own; the token cannot be recovered from it."})
    static final class Create extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The token's name, shown in logs and metrics"
                + " (never the token): letters, digits, '.', '_' or '-', e.g. ci-bot.")
        String name;

        @Override
        int execute() {
            if (!GatewayToken.validName(name)) {
                error("error: '" + name + "' is not a token name (expected: letters, digits, '.', '_' or '-', at"
                        + " most 64 characters, e.g. ci-bot)");
                return ExitCodes.USAGE;
            }
            TokenHash.NewToken created = TokenHash.newToken();
            out().println("token: " + created.token());
            out().println("hash: " + created.hash().encoded());
            out().flush();
            error("The token is shown only now: give it to its user. Add the hash to the configuration:\n"
                    + "  gateway:\n    tokens:\n      - {name: " + name + ", hash: \"<the hash above>\"}");
            return ExitCodes.OK;
        }
    }
}
