package io.gureum.core.dispatch;

import static io.gureum.core.testing.Requests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.Requests;
import io.gureum.core.testing.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsResponse;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;

/**
 * Served CBOR APIs in each wire they accept: Kinesis in awsJson over CBOR (the SDK's default) and in plain
 * awsJson 1.1 (botocore, or the SDK with CBOR off); CloudWatch in rpcv2Cbor and in awsJson 1.0 (botocore's
 * "protocols" lists both), and an unsigned rpcv2Cbor call reaching CloudWatch by its path, not S3.
 */
class CborVariantsIT {
    static Gureum gureum;

    /** A Kinesis provider with one stream. */
    public static final class Streams {
        public ListStreamsResponse listStreams(ListStreamsRequest request) {
            return ListStreamsResponse.builder().streamNames("orders").hasMoreStreams(false).build();
        }
    }

    /** A CloudWatch provider with one dashboard. */
    public static final class Dashboards {
        public ListDashboardsResponse listDashboards(ListDashboardsRequest request) {
            return ListDashboardsResponse.builder().dashboardEntries(DashboardEntry.builder().dashboardName("ops")
                    .lastModified(java.time.Instant.parse("2024-01-02T03:04:05Z")).size(10L).build()).build();
        }
    }

    @BeforeAll
    static void start() {
        List<io.gureum.core.spi.AwsService> services = new ArrayList<>(TestServices.all());
        services.add(TestServices.service("kinesis", KinesisClient.class, null, Streams.class, c -> new Streams()));
        services.add(new SignedAs(TestServices.service("cloudwatch", CloudWatchClient.class,
                "http://monitoring.amazonaws.com/doc/2010-08-01/", Dashboards.class, c -> new Dashboards()),
                "monitoring"));
        gureum = Gureum.start(GureumConfig.builder().port(0).build(), services);
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    @Test
    void kinesisSdkSpeaksCbor() {
        try (KinesisClient kinesis = AwsClients.client(KinesisClient.builder(), gureum)) {
            assertEquals(List.of("orders"), kinesis.listStreams(r -> { }).streamNames());
            KinesisException e = assertThrows(KinesisException.class, () -> kinesis.describeStream(r -> r.streamName("s")));
            assertEquals(501, e.statusCode());
            assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void kinesisInPlainAwsJson() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), json("kinesis", "Kinesis_20131202.ListStreams", "{}")
                .header("Content-Type", "application/x-amz-json-1.1"));
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/x-amz-json-1.1", r.header("Content-Type"));
        assertEquals("orders", new ObjectMapper().readTree(r.body()).path("StreamNames").path(0).asText());
    }

    @Test
    void cloudWatchSdkSpeaksRpcV2Cbor() {
        try (CloudWatchClient cw = AwsClients.client(CloudWatchClient.builder(), gureum)) {
            assertEquals("ops", cw.listDashboards(r -> { }).dashboardEntries().get(0).dashboardName());
        }
    }

    @Test
    void cloudWatchInAwsJson10() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), json("monitoring", "GraniteServiceVersion20100801.ListDashboards",
                "{}"));
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/x-amz-json-1.0", r.header("Content-Type"));
        JsonNode entry = new ObjectMapper().readTree(r.body()).path("DashboardEntries").path(0);
        assertEquals("ops", entry.path("DashboardName").asText());
        assertEquals(1704164645, entry.path("LastModified").asLong());
    }

    @Test
    void unsignedRpcV2CallReachesCloudWatchByItsPath() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), new Requests.Spec("POST",
                "/service/GraniteServiceVersion20100801/operation/ListDashboards")
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .body(new CBORMapper().writeValueAsBytes(Map.of())));
        assertEquals(200, r.status(), r::toString);
        assertEquals("rpc-v2-cbor", r.header("smithy-protocol"));
        assertEquals("ops", new CBORMapper().readTree(r.body()).path("DashboardEntries").path(0)
                .path("DashboardName").asText());
    }

    @Test
    void malformedCborIsASerializationError() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), json("kinesis", "Kinesis_20131202.ListStreams", "")
                .header("Content-Type", "application/x-amz-cbor-1.1").body(new byte[] {(byte) 0xbf, 0x61}));
        assertEquals(400, r.status(), r::toString);
        assertEquals("application/x-amz-cbor-1.1", r.header("Content-Type"));
        assertEquals("SerializationException", r.header("x-amzn-ErrorType"));
        assertEquals("com.amazonaws.kinesis#SerializationException",
                new CBORMapper().readTree(r.body()).path("__type").asText());
    }

    /** A registration signed with another name than its own (CloudWatch signs as "monitoring"). */
    private record SignedAs(io.gureum.core.spi.AwsService delegate, String signingName)
            implements io.gureum.core.spi.AwsService {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<String> signingNames() {
            return List.of(signingName);
        }

        @Override
        public String clientInterface() {
            return delegate.clientInterface();
        }

        @Override
        public String xmlNamespace() {
            return delegate.xmlNamespace();
        }

        @Override
        public List<Class<?>> providerClasses() {
            return delegate.providerClasses();
        }

        @Override
        public io.gureum.core.spi.ServiceInstance create(io.gureum.core.spi.ServiceContext context) {
            return delegate.create(context);
        }
    }
}
