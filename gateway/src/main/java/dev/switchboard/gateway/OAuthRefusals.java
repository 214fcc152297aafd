package dev.switchboard.gateway;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's OAuth half: the caller of an OAuth access token, or the answer that refuses it as RFC 6750 and the MCP
 * authorization spec say (401 {@code invalid_token}, 403 {@code insufficient_scope} with the scope needed, each with
 * the {@code resource_metadata} to log in by), or 503 while the issuer's keys are out of reach. Refusals are logged
 * at DEBUG with their reason, never with the token.
 */
final class OAuthRefusals {
    private static final Logger log = LoggerFactory.getLogger(OAuthRefusals.class);

    private OAuthRefusals() {
    }

    /** The token's caller; null after answering the refusal. */
    static Caller caller(AccessTokens oauth, String token, String path, Response response, Callback callback) {
        AccessTokens.Check check = oauth.check(token);
        switch (check) {
            case AccessTokens.Accepted accepted -> {
                return accepted.caller();
            }
            case AccessTokens.Refused refused -> {
                log.atDebug().setMessage("gateway.access.refused").addKeyValue("path", path)
                        .addKeyValue("reason", refused.error()).addKeyValue("detail", refused.description()).log();
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, ResourceMetadata.challenge(oauth,
                        refused.error(), refused.description(), refused.scope()));
                String what = refused.status() == HttpStatus.FORBIDDEN_403 ? "the access token does not allow this: "
                        + refused.description() + "; get a token with scope " + refused.scope()
                        : "the access token is not valid: " + refused.description() + "; get a new one from "
                        + oauth.settings().issuer();
                AccessHandler.refuse(path, response, callback, refused.status(), what);
                return null;
            }
            case AccessTokens.Unavailable unavailable -> {
                log.atWarn().setMessage("gateway.oauth.unavailable").addKeyValue("path", path)
                        .addKeyValue("reason", unavailable.message()).log();
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
                AccessHandler.refuse(path, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "the access"
                        + " token cannot be checked now: " + unavailable.message() + "; try again in a few seconds");
                return null;
            }
        }
    }
}
