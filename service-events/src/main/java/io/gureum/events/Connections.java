package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.spi.Caller;
import io.gureum.events.delivery.Envelope;
import io.gureum.events.delivery.TargetSender;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthResponseParameters;
import software.amazon.awssdk.services.eventbridge.model.CreateConnectionRequest;
import software.amazon.awssdk.services.eventbridge.model.CreateConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.DeauthorizeConnectionRequest;
import software.amazon.awssdk.services.eventbridge.model.DeauthorizeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionConnectivityParameters;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResourceParameters;
import software.amazon.awssdk.services.eventbridge.model.DescribeConnectionResponse;
import software.amazon.awssdk.services.eventbridge.model.ListConnectionsRequest;
import software.amazon.awssdk.services.eventbridge.model.ListConnectionsResponse;
import software.amazon.awssdk.services.eventbridge.model.UpdateConnectionRequest;
import software.amazon.awssdk.services.eventbridge.model.UpdateConnectionResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Connections (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-target-connection.html): the
 * authorization API destinations send — Basic, an API key header, or an OAuth client-credentials token — and
 * extra header, query string and body parameters. The credentials and every parameter are kept in a Secrets
 * Manager secret {@code events!connection/<name>/<id>} that EventBridge creates, updates and deletes as
 * {@code events.amazonaws.com}; DescribeConnection shows its ARN and never a secret value (a parameter with
 * IsValueSecret shows its key only). Basic and API key connections are {@code AUTHORIZED} at once; an OAuth one
 * is {@code AUTHORIZING} until its authorization endpoint answered a token ({@link OAuthAuthorizer}).
 */
final class Connections {
    private final EventsStores stores;
    private final OAuthAuthorizer oauth;

    Connections(EventsStores stores, OAuthAuthorizer oauth) {
        this.stores = stores;
        this.oauth = oauth;
    }

    static Connection connection(EventsStore s, String name) {
        Connection c = s.connections.get(name);
        if (c == null) {
            throw EventsErrors.notFound("Failed to describe the connection(s). Connection '" + name
                    + "' does not exist.");
        }
        return c;
    }

    public CreateConnectionResponse createConnection(CreateConnectionRequest request) {
        EventsStore s = stores.current();
        if (s.connections.containsKey(request.name())) {
            throw EventsErrors.alreadyExists("Connection " + request.name() + " already exists.");
        }
        String type = request.authorizationTypeAsString();
        ObjectNode auth = (ObjectNode) SdkJson.toJson(request.authParameters());
        checkAuth(type, auth);
        String id = stores.context.ids().requestId();
        Connection c = new Connection(request.name(), "arn:aws:events:" + s.region + ":" + s.account + ":connection/"
                + request.name() + "/" + id, stores.now());
        c.description = request.description();
        c.authorizationType = type;
        c.kmsKeyIdentifier = request.kmsKeyIdentifier();
        c.connectivityResource = request.invocationConnectivityParameters() == null ? null
                : request.invocationConnectivityParameters().resourceParameters().resourceConfigurationArn();
        c.secretArn = secrets(s, c).createSecret(b -> b.name("events!connection/" + c.name + "/" + id)
                .clientRequestToken(stores.context.ids().requestId())
                .kmsKeyId(c.kmsKeyIdentifier).secretString(auth.toString())).arn();
        c.authParameters = view(auth);
        authorize(s, c);
        s.connections.put(c.name, c);
        return CreateConnectionResponse.builder().connectionArn(c.arn).connectionState(c.state)
                .creationTime(c.creationTime).lastModifiedTime(c.lastModifiedTime).build();
    }

    public DescribeConnectionResponse describeConnection(DescribeConnectionRequest request) {
        Connection c = connection(stores.current(), request.name());
        return DescribeConnectionResponse.builder().connectionArn(c.arn).name(c.name).description(c.description)
                .invocationConnectivityParameters(c.connectivityResource == null ? null
                        : DescribeConnectionConnectivityParameters.builder().resourceParameters(
                                DescribeConnectionResourceParameters.builder()
                                        .resourceConfigurationArn(c.connectivityResource).build()).build())
                .connectionState(c.state).stateReason(c.stateReason).authorizationType(c.authorizationType)
                .secretArn(c.secretArn).kmsKeyIdentifier(c.kmsKeyIdentifier).authParameters(c.authParameters)
                .creationTime(c.creationTime).lastModifiedTime(c.lastModifiedTime)
                .lastAuthorizedTime(c.lastAuthorizedTime).build();
    }

    public ListConnectionsResponse listConnections(ListConnectionsRequest request) {
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<Connection> matching = stores.current().connections.values().stream()
                .filter(c -> c.name.startsWith(prefix))
                .filter(c -> request.connectionStateAsString() == null
                        || c.state.equals(request.connectionStateAsString()))
                .toList();
        Pages.Page<Connection> page = Pages.of("connections", matching, c -> c.name, request.nextToken(),
                request.limit());
        return ListConnectionsResponse.builder().connections(page.items().stream()
                .map(c -> software.amazon.awssdk.services.eventbridge.model.Connection.builder().connectionArn(c.arn)
                        .name(c.name).connectionState(c.state).stateReason(c.stateReason)
                        .authorizationType(c.authorizationType).creationTime(c.creationTime)
                        .lastModifiedTime(c.lastModifiedTime).lastAuthorizedTime(c.lastAuthorizedTime).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    /**
     * Changes what is given: the description, the KMS key, the authorization type (its parameters must come
     * with it) and any of the parameters, merged into the secret's. New credentials authorize again.
     */
    public UpdateConnectionResponse updateConnection(UpdateConnectionRequest request) {
        EventsStore s = stores.current();
        Connection c = connection(s, request.name());
        String type = request.authorizationTypeAsString() != null ? request.authorizationTypeAsString()
                : c.authorizationType;
        ObjectNode auth = current(s, c);
        JsonNode update = SdkJson.toJson(request.authParameters());
        if (!type.equals(c.authorizationType)) {
            auth.remove(List.of("BasicAuthParameters", "ApiKeyAuthParameters", "OAuthParameters"));
        }
        if (update != null) {
            merge(auth, update);
        }
        if (request.authorizationType() != null || update != null) {
            checkAuth(type, auth);
        }
        if (request.kmsKeyIdentifier() != null) {
            c.kmsKeyIdentifier = request.kmsKeyIdentifier().isEmpty() ? null : request.kmsKeyIdentifier();
        }
        secrets(s, c).updateSecret(b -> b.secretId(c.secretArn).secretString(auth.toString())
                .clientRequestToken(stores.context.ids().requestId())
                .kmsKeyId(request.kmsKeyIdentifier()));
        if (request.description() != null) {
            c.description = request.description();
        }
        if (request.invocationConnectivityParameters() != null) {
            c.connectivityResource = request.invocationConnectivityParameters().resourceParameters()
                    .resourceConfigurationArn();
        }
        c.authorizationType = type;
        c.authParameters = view(auth);
        c.lastModifiedTime = stores.now();
        if (request.authorizationType() != null || update != null || !"AUTHORIZED".equals(c.state)) {
            authorize(s, c);
        }
        return UpdateConnectionResponse.builder().connectionArn(c.arn).connectionState(c.state)
                .creationTime(c.creationTime).lastModifiedTime(c.lastModifiedTime)
                .lastAuthorizedTime(c.lastAuthorizedTime).build();
    }

    /**
     * Removes the authorization parameters (Basic, API key, OAuth) from the secret; the connection is
     * {@code DEAUTHORIZED} and its API destinations fail until UpdateConnection gives new ones. Answers
     * {@code DEAUTHORIZING}, the state AWS answers while it works.
     */
    public DeauthorizeConnectionResponse deauthorizeConnection(DeauthorizeConnectionRequest request) {
        EventsStore s = stores.current();
        Connection c = connection(s, request.name());
        ObjectNode auth = current(s, c);
        auth.remove(List.of("BasicAuthParameters", "ApiKeyAuthParameters", "OAuthParameters"));
        secrets(s, c).updateSecret(b -> b.secretId(c.secretArn).secretString(auth.toString())
                .clientRequestToken(stores.context.ids().requestId()));
        c.generation++;
        c.accessToken = null;
        c.authParameters = view(auth);
        c.state = "DEAUTHORIZED";
        c.stateReason = null;
        c.lastModifiedTime = stores.now();
        return DeauthorizeConnectionResponse.builder().connectionArn(c.arn).connectionState("DEAUTHORIZING")
                .creationTime(c.creationTime).lastModifiedTime(c.lastModifiedTime)
                .lastAuthorizedTime(c.lastAuthorizedTime).build();
    }

    /** Deletes the connection and its secret (at once, without recovery); answers {@code DELETING}. */
    public DeleteConnectionResponse deleteConnection(DeleteConnectionRequest request) {
        EventsStore s = stores.current();
        Connection c = connection(s, request.name());
        try {
            secrets(s, c).deleteSecret(b -> b.secretId(c.secretArn).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException gone) {
            // the user deleted it already
        }
        c.generation++;
        s.connections.remove(c.name);
        return DeleteConnectionResponse.builder().connectionArn(c.arn).connectionState("DELETING")
                .creationTime(c.creationTime).lastModifiedTime(c.lastModifiedTime)
                .lastAuthorizedTime(c.lastAuthorizedTime).build();
    }

    private void authorize(EventsStore s, Connection c) {
        c.generation++;
        c.accessToken = null;
        c.stateReason = null;
        if (c.authorizationType.equals("OAUTH_CLIENT_CREDENTIALS")) {
            c.state = "AUTHORIZING";
            oauth.authorizeLater(s, c, c.generation);
        } else {
            c.state = "AUTHORIZED";
            c.lastAuthorizedTime = stores.now();
        }
    }

    /** The secret's parameters now. */
    private ObjectNode current(EventsStore s, Connection c) {
        return secretValue(secrets(s, c), c);
    }

    static ObjectNode secretValue(SecretsManagerClient client, Connection c) {
        try {
            JsonNode value = Envelope.JSON.readTree(client.getSecretValue(b -> b.secretId(c.secretArn)).secretString());
            return value instanceof ObjectNode o ? o : Envelope.JSON.createObjectNode();
        } catch (ResourceNotFoundException gone) {
            return Envelope.JSON.createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Envelope.JSON.createObjectNode();
        }
    }

    /** The in-process Secrets Manager client, as EventBridge for this connection. */
    SecretsManagerClient secrets(EventsStore s, Connection c) {
        return secretsClient(stores, s.account, s.region, c.arn);
    }

    static SecretsManagerClient secretsClient(EventsStores stores, String account, String region, String arn) {
        if (!stores.context.clients().serves(SecretsManagerClient.class)) {
            throw new AwsException("InternalException", "Connections keep their credentials in Secrets Manager,"
                    + " which this server does not serve.", 500);
        }
        return stores.context.clients().client(SecretsManagerClient.class,
                Caller.service(TargetSender.PRINCIPAL, account, region, arn));
    }

    /** The parameters the authorization type needs, and no other type's. */
    private static void checkAuth(String type, ObjectNode auth) {
        String needed = switch (type) {
            case "BASIC" -> "BasicAuthParameters";
            case "API_KEY" -> "ApiKeyAuthParameters";
            default -> "OAuthParameters";
        };
        for (String kind : List.of("BasicAuthParameters", "ApiKeyAuthParameters", "OAuthParameters")) {
            if (!kind.equals(needed) && auth.has(kind)) {
                throw EventsErrors.validation("Parameter(s) " + kind + " not valid for AuthorizationType " + type
                        + ".");
            }
        }
        if (!auth.has(needed)) {
            throw EventsErrors.validation("Parameter(s) " + needed + " must be specified for AuthorizationType "
                    + type + ".");
        }
        JsonNode p = auth.get(needed);
        List<String> required = switch (needed) {
            case "BasicAuthParameters" -> List.of("Username", "Password");
            case "ApiKeyAuthParameters" -> List.of("ApiKeyName", "ApiKeyValue");
            default -> List.of("AuthorizationEndpoint", "HttpMethod");
        };
        for (String field : required) {
            if (!p.hasNonNull(field)) {
                throw EventsErrors.validation("Parameter(s) " + field + " must be specified.");
            }
        }
        if (needed.equals("OAuthParameters")) {
            JsonNode client = p.path("ClientParameters");
            if (!client.hasNonNull("ClientID") || !client.hasNonNull("ClientSecret")) {
                throw EventsErrors.validation("Parameter(s) ClientParameters must be specified.");
            }
            if (!p.get("AuthorizationEndpoint").asText().startsWith("https://")) {
                throw EventsErrors.validation("Parameter AuthorizationEndpoint is not valid. Reason: The URL must"
                        + " use HTTPS.");
            }
        }
    }

    /** Objects are merged member by member; anything else (the parameter lists) is replaced. */
    private static void merge(ObjectNode into, JsonNode update) {
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = into.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    /** What DescribeConnection shows: the parameters without secret values. */
    static ConnectionAuthResponseParameters view(ObjectNode auth) {
        ObjectNode v = auth.deepCopy();
        if (v.get("BasicAuthParameters") instanceof ObjectNode b) {
            b.remove("Password");
        }
        if (v.get("ApiKeyAuthParameters") instanceof ObjectNode k) {
            k.remove("ApiKeyValue");
        }
        if (v.get("OAuthParameters") instanceof ObjectNode o) {
            if (o.get("ClientParameters") instanceof ObjectNode cp) {
                cp.remove("ClientSecret");
            }
            hideSecrets(o.get("OAuthHttpParameters"));
        }
        hideSecrets(v.get("InvocationHttpParameters"));
        return SdkJson.fromJson(v, ConnectionAuthResponseParameters.class);
    }

    private static void hideSecrets(JsonNode httpParameters) {
        if (httpParameters == null) {
            return;
        }
        for (String list : List.of("HeaderParameters", "QueryStringParameters", "BodyParameters")) {
            if (httpParameters.get(list) instanceof ArrayNode items) {
                items.forEach(i -> {
                    if (i.path("IsValueSecret").asBoolean(false) && i instanceof ObjectNode o) {
                        o.remove("Value");
                    }
                });
            }
        }
    }
}
