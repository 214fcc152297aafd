package dev.switchboard.internal.auth;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import dev.switchboard.config.HttpAuth;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Picks the client identity for an authorization server in the spec's order of preference: the pre-registered
 * {@code client_id}, else the Client ID Metadata Document URL when the server accepts those, else a client
 * registered dynamically (RFC 7591); and the token endpoint authentication method that goes with it.
 */
final class Registrar {
    static final String CLIENT_NAME = "Switchboard";

    private Registrar() {
    }

    static Client identify(AuthHttp http, HttpAuth auth, ServerMetadata server, URI redirectUri, List<String> scopes)
            throws AuthFailure, InterruptedException {
        if (auth.clientId() != null) {
            String method = auth.clientSecret() == null ? Client.NONE
                    : supports(server, Client.BASIC) || !supports(server, Client.POST) ? Client.BASIC : Client.POST;
            return new Client(auth.clientId(), method, auth.clientSecret(), null, null);
        }
        if (auth.clientMetadataUrl() != null && server.clientMetadataDocuments()) {
            return new Client(auth.clientMetadataUrl().toString(), Client.NONE, null, null, null);
        }
        if (server.registrationEndpoint() == null) {
            throw new AuthFailure("client identification", "the authorization server " + server.issuer()
                    + " offers neither dynamic client registration nor"
                    + (auth.clientMetadataUrl() == null ? "" : " Client ID Metadata Documents, and") + " no client_id"
                    + " is configured; register a client there and set auth.client_id (and auth.client_secret)");
        }
        return register(http, server, redirectUri, scopes);
    }

    private static Client register(AuthHttp http, ServerMetadata server, URI redirectUri, List<String> scopes)
            throws AuthFailure, InterruptedException {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName(CLIENT_NAME);
        metadata.setRedirectionURI(redirectUri);
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setResponseTypes(Set.of(ResponseType.CODE));
        metadata.setTokenEndpointAuthMethod(new ClientAuthenticationMethod(preferredMethod(server)));
        if (!scopes.isEmpty()) {
            metadata.setScope(new Scope(scopes.toArray(String[]::new)));
        }
        String step = "dynamic client registration at " + server.registrationEndpoint();
        try {
            var response = ClientRegistrationResponse.parse(http.send(
                    new ClientRegistrationRequest(server.registrationEndpoint(), metadata, null).toHTTPRequest()));
            if (response instanceof ClientRegistrationErrorResponse error) {
                throw new AuthFailure(step, "the server answered " + error.getErrorObject().getCode()
                        + describe(error.getErrorObject().getDescription())
                        + "; register a client by hand and set auth.client_id");
            }
            ClientInformation info = ((ClientInformationResponse) response).getClientInformation();
            String secret = info.getSecret() == null ? null : info.getSecret().getValue();
            ClientAuthenticationMethod m = info.getMetadata().getTokenEndpointAuthMethod();
            String method = m != null ? m.getValue() : secret == null ? Client.NONE : Client.BASIC;
            return new Client(info.getID().getValue(), method, secret, null, null);
        } catch (IOException | ParseException e) {
            throw new AuthFailure(step, "no usable answer (" + e.getClass().getSimpleName() + ")"
                    + "; check that the authorization server is up, or set auth.client_id");
        }
    }

    /** A public client (PKCE protects its code) unless the server insists on a secret. */
    private static String preferredMethod(ServerMetadata server) {
        for (String m : List.of(Client.NONE, Client.BASIC, Client.POST)) {
            if (supports(server, m)) {
                return m;
            }
        }
        return server.authMethods().isEmpty() ? Client.NONE : Client.BASIC;
    }

    static boolean supports(ServerMetadata server, String method) {
        return server.authMethods().contains(method);
    }

    static String describe(String description) {
        return description == null || description.isBlank() ? "" : " (" + description + ")";
    }
}
