package dev.switchboard.internal.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.switchboard.AuthorizationHandler;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The interactive part of the authorization code grant: the authorization request with PKCE S256, a fresh state
 * and the resource, the {@link AuthorizationHandler} that brings the redirect back, and the checks on it.
 */
final class CodeFlow {
    private static final String STEP = "authorization";

    private CodeFlow() {
    }

    /** The code grant to exchange, after the person authorized. */
    static AuthorizationCodeGrant authorize(String server, AuthorizationHandler handler, Discovery.Found found,
            Client client, URI redirectUri, List<String> scopes) throws AuthFailure, InterruptedException {
        ServerMetadata as = found.server();
        if (as.authorizationEndpoint() == null) {
            throw new AuthFailure(STEP, "the authorization server " + as.issuer() + " names no"
                    + " authorization_endpoint; use auth: client_credentials if it is for machines");
        }
        if (!as.codeChallengeMethods().isEmpty() && !as.codeChallengeMethods().contains("S256")) {
            throw new AuthFailure(STEP, "the authorization server " + as.issuer() + " does not support PKCE"
                    + " with S256, which the MCP authorization spec requires; ask its operator to enable it");
        }
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        var request = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(client.id()))
                .endpointURI(as.authorizationEndpoint()).redirectionURI(redirectUri).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256).resources(found.resource());
        if (!scopes.isEmpty()) {
            request.scope(new Scope(scopes.toArray(String[]::new)));
        }
        URI back;
        try {
            back = handler.authorize(server, request.build().toURI());
        } catch (IOException e) {
            throw new AuthFailure(STEP, "the redirect back to Switchboard did not arrive ("
                    + e.getClass().getSimpleName() + "); authorize again");
        }
        return new AuthorizationCodeGrant(code(back, state), redirectUri, verifier);
    }

    private static AuthorizationCode code(URI back, State state) throws AuthFailure {
        if (back == null) {
            throw new AuthFailure(STEP, "the authorization handler returned no redirect; authorize again");
        }
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(back);
        } catch (ParseException e) {
            throw new AuthFailure(STEP, "the redirect carries neither a code nor an error; authorize again");
        }
        if (!state.equals(response.getState())) {
            throw new AuthFailure(STEP, "the redirect's state does not match the request's (a forged or stale"
                    + " redirect); authorize again");
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            throw new AuthFailure(STEP, "the authorization server answered " + error.getCode()
                    + Registrar.describe(error.getDescription()) + "; authorize again, granting access");
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new AuthFailure(STEP, "the redirect carries no code; authorize again");
        }
        return code;
    }
}
