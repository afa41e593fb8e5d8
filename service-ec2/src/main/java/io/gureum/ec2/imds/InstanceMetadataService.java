package io.gureum.ec2.imds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.Caller;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.instances.Instance;
import io.gureum.ec2.instances.InstanceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The instance metadata service (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html)
 * at {@code /_gureum/ec2/imds/<instance-id>/latest/…} on Gureum's own port: an SDK or tool pointed at
 * {@code http://<gureum>/_gureum/ec2/imds/<instance-id>} as its metadata endpoint reads that instance's
 * data. IMDSv2 tokens come from {@code PUT /latest/api/token} with a TTL header; with
 * {@code HttpTokens=required} a request without a valid token is 401, with {@code optional} IMDSv1 works.
 */
public final class InstanceMetadataService {
    public static final String PREFIX = "/_gureum/ec2/imds/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TTL = "X-aws-ec2-metadata-token-ttl-seconds";
    private static final String TOKEN = "X-aws-ec2-metadata-token";

    private final Compute compute;
    private final MetadataTokens tokens = new MetadataTokens();

    public InstanceMetadataService(Compute compute) {
        this.compute = compute;
    }

    /** Answers a request under {@link #PREFIX}, or null for any other path. */
    public AwsHttpResponse handle(AwsHttpRequest request) {
        String path = request.rawPath();
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String instanceId = slash < 0 ? rest : rest.substring(0, slash);
        String resource = slash < 0 ? "/" : rest.substring(slash);
        ComputeStore s = compute.storeOf(instanceId);
        if (s == null) {
            return text(404, "Not Found");
        }
        synchronized (s) {
            Instance i = s.instances.get(instanceId);
            if (i == null || (i.state(compute.now()) != InstanceState.RUNNING
                    && i.state(compute.now()) != InstanceState.PENDING)) {
                return text(404, "Not Found");
            }
            if (!i.httpEndpoint.equals("enabled")) {
                // A disabled endpoint answers nothing the instance could use.
                return text(403, "Forbidden");
            }
            Instant now = compute.now();
            if (resource.equals("/latest/api/token")) {
                return token(request, i, now);
            }
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return text(405, "Method Not Allowed");
            }
            String token = request.header(TOKEN);
            long remaining = tokens.remaining(token, i.id, now);
            if (token != null && remaining < 0) {
                return text(401, "Unauthorized");
            }
            if (token == null && i.httpTokens.equals("required")) {
                return text(401, "Unauthorized");
            }
            AwsHttpResponse response = serve(s, i, resource);
            if (remaining > 0) {
                response.header(TTL, String.valueOf(remaining));
            }
            return response;
        }
    }

    private AwsHttpResponse token(AwsHttpRequest request, Instance i, Instant now) {
        if (!request.method().equals("PUT")) {
            return text(405, "Method Not Allowed");
        }
        if (request.header("X-Forwarded-For") != null) {
            // Tokens are refused to requests that came through a proxy.
            return text(403, "Forbidden");
        }
        String ttl = request.header(TTL);
        int seconds;
        try {
            seconds = Integer.parseInt(ttl == null ? "" : ttl.trim());
        } catch (NumberFormatException e) {
            return text(400, "Bad Request");
        }
        if (seconds < 1 || seconds > 21600) {
            return text(400, "Bad Request");
        }
        return text(200, tokens.issue(i.id, now, seconds)).header(TTL, String.valueOf(seconds));
    }

    private AwsHttpResponse serve(ComputeStore s, Instance i, String resource) {
        if (resource.equals("/latest/user-data") || resource.equals("/latest/user-data/")) {
            if (i.userData == null) {
                return text(404, "Not Found");
            }
            return new AwsHttpResponse(200).body(Base64.getMimeDecoder().decode(i.userData))
                    .header("Content-Type", "application/octet-stream");
        }
        if (resource.equals("/latest/dynamic/instance-identity/document")) {
            return json(identity(s, i));
        }
        if (resource.equals("/latest/dynamic/instance-identity/") || resource.equals("/latest/dynamic/instance-identity")) {
            return text(200, "document");
        }
        if (resource.equals("/latest/dynamic/") || resource.equals("/latest/dynamic")) {
            return text(200, "instance-identity/");
        }
        if (resource.equals("/latest/") || resource.equals("/latest")) {
            return text(200, "dynamic\nmeta-data\n" + (i.userData == null ? "" : "user-data"));
        }
        String prefix = "/latest/meta-data";
        if (!resource.startsWith(prefix)) {
            return text(404, "Not Found");
        }
        String key = resource.substring(prefix.length());
        key = key.startsWith("/") ? key.substring(1) : key;
        Object value = MetadataTree.build(this, s, i).lookup(key);
        if (value == null) {
            return text(404, "Not Found");
        }
        if (value instanceof ObjectNode node) {
            return json(node);
        }
        return text(200, value.toString());
    }

    NetworkInterface primary(ComputeStore s, Instance i) {
        List<NetworkInterface> enis = compute.network(s).describeNetworkInterfaces(b -> b.filters(Filter.builder()
                .name("attachment.instance-id").values(i.id).build())).networkInterfaces();
        return enis.stream().filter(e -> e.attachment().deviceIndex() == 0).findFirst().orElse(null);
    }

    /** The CIDR blocks of the interface's subnet and VPC. */
    String[] cidrs(ComputeStore s, NetworkInterface eni) {
        var subnet = compute.network(s).describeSubnets(b -> b.subnetIds(eni.subnetId())).subnets().get(0);
        var vpc = compute.network(s).describeVpcs(b -> b.vpcIds(eni.vpcId())).vpcs().get(0);
        return new String[] {subnet.cidrBlock(), vpc.cidrBlock(), subnet.availabilityZoneId()};
    }

    /** The public key of the instance's key pair, through DescribeKeyPairs(IncludePublicKey). */
    String publicKey(ComputeStore s, Instance i) {
        try {
            var pairs = compute.network(s).describeKeyPairs(b -> b.keyNames(i.keyName).includePublicKey(true))
                    .keyPairs();
            return pairs.isEmpty() ? null : pairs.get(0).publicKey();
        } catch (AwsServiceException e) {
            return null;
        }
    }

    /**
     * The role's temporary credentials, from STS AssumeRole as {@code ec2.amazonaws.com}; null (IMDS's 404)
     * when STS does not answer it (AssumeRole not served on this server).
     */
    ObjectNode credentials(ComputeStore s, Instance i) {
        if (i.iamRoleArn == null || !compute.ctx.clients().serves(StsClient.class)) {
            return null;
        }
        try {
            StsClient sts = compute.ctx.clients().client(StsClient.class, Caller.service(Compute.PRINCIPAL, s.account,
                    s.region, "arn:aws:ec2:" + s.region + ":" + s.account + ":instance/" + i.id));
            Credentials c = sts.assumeRole(b -> b.roleArn(i.iamRoleArn).roleSessionName(i.id)).credentials();
            ObjectNode node = JSON.createObjectNode();
            node.put("Code", "Success");
            node.put("LastUpdated", time(compute.now()));
            node.put("Type", "AWS-HMAC");
            node.put("AccessKeyId", c.accessKeyId());
            node.put("SecretAccessKey", c.secretAccessKey());
            node.put("Token", c.sessionToken());
            node.put("Expiration", time(c.expiration()));
            return node;
        } catch (AwsServiceException e) {
            return null;
        }
    }

    private ObjectNode identity(ComputeStore s, Instance i) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("accountId", s.account);
        doc.put("architecture", i.architecture);
        doc.put("availabilityZone", i.availabilityZone);
        doc.putNull("billingProducts");
        doc.putNull("devpayProductCodes");
        doc.putNull("marketplaceProductCodes");
        doc.put("imageId", i.imageId);
        doc.put("instanceId", i.id);
        doc.put("instanceType", i.instanceType);
        doc.putNull("kernelId");
        doc.put("pendingTime", time(i.launchTime));
        doc.put("privateIp", i.privateIp);
        doc.putNull("ramdiskId");
        doc.put("region", s.region);
        doc.put("version", "2017-09-30");
        return doc;
    }

    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    Map<String, String> tags(Instance i) {
        return new LinkedHashMap<>(i.tags);
    }

    private static AwsHttpResponse text(int status, String body) {
        return new AwsHttpResponse(status).body(body, "text/plain");
    }

    private static AwsHttpResponse json(ObjectNode node) {
        try {
            return new AwsHttpResponse(200).body(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    .getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
