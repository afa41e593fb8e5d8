package io.gureum.cloudformation.resource.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS::Events::Connection, ApiDestination and Endpoint through EventBridge, the connection's credentials in a
 * Secrets Manager secret EventBridge creates.
 */
class ConnectionAndApiDestinationHandlersIT extends HandlerTestSupport {

    @Test
    void connectionAndApiDestination() {
        EventBridgeClient events = client(EventBridgeClient.class);
        Deployed conn = create(new ConnectionHandler(), "Conn", props("{'AuthorizationType':'API_KEY',"
                + "'Description':'partner','AuthParameters':{'ApiKeyAuthParameters':{'ApiKeyName':'x-api-key',"
                + "'ApiKeyValue':'k1'},'InvocationHttpParameters':{'HeaderParameters':[{'Key':'x-team',"
                + "'Value':'blue'}]}}}"));
        assertTrue(conn.id().startsWith(STACK + "-Conn-"), conn.id());
        var d = events.describeConnection(b -> b.name(conn.id()));
        assertEquals(d.connectionArn(), conn.att("Arn"));
        assertEquals(d.connectionArn().substring(0, d.connectionArn().lastIndexOf('/')), conn.att("ArnForPolicy"));
        assertEquals(d.secretArn(), conn.att("SecretArn"));
        assertEquals("AUTHORIZED", d.connectionStateAsString());
        SecretsManagerClient sm = client(SecretsManagerClient.class);
        var secret = sm.describeSecret(b -> b.secretId(d.secretArn()));
        assertTrue(secret.name().startsWith("events!connection/" + conn.id() + "/"), secret.name());
        assertEquals("events", secret.owningService());
        assertTrue(sm.getSecretValue(b -> b.secretId(d.secretArn())).secretString().contains("k1"));

        assertFalse(replaces(conn, props("{'AuthorizationType':'API_KEY','Description':'other'}")));
        update(conn, props("{'AuthorizationType':'API_KEY','Description':'other','AuthParameters':"
                + "{'ApiKeyAuthParameters':{'ApiKeyValue':'k2'}}}"));
        assertEquals("other", events.describeConnection(b -> b.name(conn.id())).description());
        assertTrue(sm.getSecretValue(b -> b.secretId(d.secretArn())).secretString().contains("k2"));

        Deployed dest = create(new ApiDestinationHandler(), "Hook", props("{'ConnectionArn':'" + conn.att("Arn")
                + "','InvocationEndpoint':'https://127.0.0.1/hook','HttpMethod':'POST'}"));
        var ad = events.describeApiDestination(b -> b.name(dest.id()));
        assertEquals(ad.apiDestinationArn(), dest.att("Arn"));
        assertEquals("arn:aws:events:" + REGION + ":" + account + ":api-destination/" + dest.id(),
                dest.att("ArnForPolicy"));
        assertTrue(replaces(dest, props("{'Name':'renamed','ConnectionArn':'" + conn.att("Arn")
                + "','InvocationEndpoint':'https://127.0.0.1/hook','HttpMethod':'POST'}")));
        update(dest, props("{'ConnectionArn':'" + conn.att("Arn") + "','InvocationEndpoint':'https://127.0.0.1/other',"
                + "'HttpMethod':'PUT','InvocationRateLimitPerSecond':10}"));
        ad = events.describeApiDestination(b -> b.name(dest.id()));
        assertEquals("https://127.0.0.1/other", ad.invocationEndpoint());
        assertEquals(10, ad.invocationRateLimitPerSecond());

        delete(dest);
        delete(conn);
        assertThrows(ResourceNotFoundException.class, () -> events.describeApiDestination(b -> b.name(dest.id())));
        assertThrows(ResourceNotFoundException.class, () -> events.describeConnection(b -> b.name(conn.id())));
        assertThrows(software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException.class,
                () -> sm.describeSecret(b -> b.secretId(d.secretArn())), "the connection's secret went with it");
    }

    @Test
    void endpoint() {
        EventBridgeClient events = client(EventBridgeClient.class);
        String buses = "[{'EventBusArn':'arn:aws:events:us-east-1:" + account + ":event-bus/default'},"
                + "{'EventBusArn':'arn:aws:events:us-west-2:" + account + ":event-bus/default'}]";
        Deployed ep = create(new EndpointHandler(), "Global", props("{'RoutingConfig':{'FailoverConfig':{'Primary':"
                + "{'HealthCheck':'arn:aws:route53:::healthcheck/abc'},'Secondary':{'Route':'us-west-2'}}},"
                + "'ReplicationConfig':{'State':'DISABLED'},'EventBuses':" + buses + "}"));
        var d = events.describeEndpoint(b -> b.name(ep.id()));
        assertEquals(d.arn(), ep.att("Arn"));
        assertEquals(d.endpointId(), ep.att("EndpointId"));
        assertEquals(d.endpointUrl(), ep.att("EndpointUrl"));
        assertEquals("ACTIVE", ep.att("State"));
        update(ep, props("{'Description':'failover','RoutingConfig':{'FailoverConfig':{'Primary':"
                + "{'HealthCheck':'arn:aws:route53:::healthcheck/abc'},'Secondary':{'Route':'us-west-2'}}},"
                + "'ReplicationConfig':{'State':'DISABLED'},'EventBuses':" + buses + "}"));
        assertEquals("failover", events.describeEndpoint(b -> b.name(ep.id())).description());
        delete(ep);
        assertThrows(ResourceNotFoundException.class, () -> events.describeEndpoint(b -> b.name(ep.id())));
    }
}
