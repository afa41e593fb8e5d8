package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInsightsPathRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The web console in headless Chromium against a server holding the course's 3-tier network (public,
 * app and data subnets in two AZs, an internet gateway, a NAT gateway) and a resource of each service
 * the console browses. Each page is loaded afresh and its DOM read after its scripts ran.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final String REGION = "ap-northeast-2";

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();

    static Gureum gureum;
    static Ec2Client ec2;
    static String vpc;
    static Map<String, String> subnets = new java.util.LinkedHashMap<>();
    static String igw;
    static String nat;
    static String instance;

    @BeforeAll
    static void courseNetwork() {
        gureum = aws.gureum();
        ec2 = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "test", REGION);
        vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String[][] layout = {{"public-a", "10.0.1.0/24", "a"}, {"public-c", "10.0.2.0/24", "c"},
            {"app-a", "10.0.11.0/24", "a"}, {"app-c", "10.0.12.0/24", "c"}, {"data-a", "10.0.21.0/24", "a"},
            {"data-c", "10.0.22.0/24", "c"}};
        for (String[] s : layout) {
            String id = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(s[1]).availabilityZone(REGION + s[2])
                    .tagSpecifications(t -> t.resourceType(ResourceType.SUBNET).tags(
                            tag -> tag.key("Name").value(s[0]), tag -> tag.key("tier").value(s[0].split("-")[0]))))
                    .subnet().subnetId();
            subnets.put(s[0], id);
        }
        igw = ec2.createInternetGateway(b -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
        String publicRt = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(b -> b.routeTableId(publicRt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
        ec2.associateRouteTable(b -> b.routeTableId(publicRt).subnetId(subnets.get("public-a")));
        ec2.associateRouteTable(b -> b.routeTableId(publicRt).subnetId(subnets.get("public-c")));
        String eip = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
        nat = ec2.createNatGateway(b -> b.subnetId(subnets.get("public-a")).allocationId(eip)).natGateway()
                .natGatewayId();
        String privateRt = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(b -> b.routeTableId(privateRt).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        for (String tier : List.of("app-a", "app-c", "data-a", "data-c")) {
            ec2.associateRouteTable(b -> b.routeTableId(privateRt).subnetId(subnets.get(tier)));
        }
        String ami = ec2.describeImages(b -> b.owners("amazon").filters(f -> f.name("name")
                .values("al2023-ami-2023.*-kernel-6.1-x86_64"))).images().get(0).imageId();
        instance = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1)
                .subnetId(subnets.get("app-a"))).instances().get(0).instanceId();
    }

    @AfterAll
    static void close() {
        ec2.close();
    }

    private static String page(String hash) {
        return gureum.endpoint() + "/_gureum/ui/#" + hash;
    }

    /** The attributes of the SVG group that draws a subnet. */
    private static String subnetGroup(String dom, String subnetId) {
        Matcher m = Pattern.compile("<g class=\"subnet [a-z]+\" data-subnet-id=\"" + subnetId + "\"[^>]*>").matcher(dom);
        assertTrue(m.find(), "no picture of " + subnetId);
        return m.group();
    }

    @Test
    void theOverviewListsEachRegionsVpcsWithTheirSubnetsCidrs() throws Exception {
        String dom = HeadlessChromium.dom(page("/"));
        assertTrue(dom.contains("data-region=\"" + REGION + "\""), dom);
        assertTrue(dom.contains("data-vpc-id=\"" + vpc + "\""), dom);
        assertTrue(dom.contains("10.0.1.0/24, 10.0.11.0/24, 10.0.12.0/24, 10.0.2.0/24, 10.0.21.0/24, 10.0.22.0/24"),
                dom);
    }

    @Test
    void theVpcPictureColoursSubnetsByTheirRoutesAndShowsTheSelectedSubnetsRoutes() throws Exception {
        String url = page("/vpc/" + REGION + "/" + vpc + "?subnet=" + subnets.get("app-a"));
        String dom = HeadlessChromium.dom(url);
        for (Map.Entry<String, String> s : subnets.entrySet()) {
            String group = subnetGroup(dom, s.getValue());
            String kind = s.getKey().startsWith("public") ? "public" : "private";
            assertTrue(group.contains("data-kind=\"" + kind + "\""), s.getKey() + ": " + group);
        }
        assertTrue(dom.contains("data-igw-id=\"" + igw + "\""), "the internet gateway is drawn");
        assertTrue(dom.contains("NAT " + nat.substring(0, 12)), "the NAT gateway is drawn in its subnet");
        Matcher appA = Pattern.compile("<g class=\"subnet private\" data-subnet-id=\"" + subnets.get("app-a")
                + "\".*?</g>").matcher(dom);
        assertTrue(appA.find() && appA.group().contains("data-instance-id=\"" + instance + "\""),
                "the instance is drawn in the subnet it was launched into");
        assertTrue(dom.contains("<td>" + instance + "</td>"), "the selected subnet lists its instance");
        // the app subnet's route table sends the internet through the NAT gateway
        assertTrue(dom.contains("<section id=\"subnet-detail\" data-subnet-id=\"" + subnets.get("app-a") + "\""), dom);
        assertTrue(dom.contains("<td>0.0.0.0/0</td><td>" + nat + "</td>"), dom);
        assertTrue(dom.contains("<td>10.0.0.0/16</td><td>local</td>"), dom);
        HeadlessChromium.screenshot(url, Path.of("target", "console", "vpc.png"), 1000);
    }

    @Test
    void theResourceBrowserFindsResourcesByTag() throws Exception {
        String dom = HeadlessChromium.dom(page("/resources?q=tier%3Dapp"));
        assertTrue(dom.contains("data-arn=\"arn:aws:ec2:" + REGION + ":000000000000:subnet/" + subnets.get("app-a")), dom);
        assertTrue(dom.contains(subnets.get("app-c")), dom);
        assertTrue(!dom.contains(subnets.get("data-a")), "a data subnet is not tagged tier=app");
    }

    @Test
    void theServicePagesShowObjectsMessagesItemsFunctionsAndLogEvents() throws Exception {
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), "test", REGION);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), gureum.endpoint(), "test", REGION);
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum.endpoint(), "test", REGION);
                LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum.endpoint(), "test", REGION);
                CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum.endpoint(), "test",
                        REGION)) {
            s3.createBucket(b -> b.bucket("console-photos"));
            s3.putObject(b -> b.bucket("console-photos").key("2026/cat.jpg"), RequestBody.fromString("meow"));
            String queue = sqs.createQueue(b -> b.queueName("console-orders")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("order #42"));
            ddb.createTable(b -> b.tableName("console-users")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)).billingMode("PAY_PER_REQUEST"));
            ddb.putItem(b -> b.tableName("console-users").item(Map.of("pk", AttributeValue.fromS("user#1"),
                    "name", AttributeValue.fromS("Ada"))));
            byte[] code = zip("app.py", "def handler(event, context):\n    return 'hi'\n");
            lambda.createFunction(b -> b.functionName("console-hello").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::000000000000:role/lambda").code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
            logs.createLogGroup(b -> b.logGroupName("/console/app"));
            logs.createLogStream(b -> b.logGroupName("/console/app").logStreamName("web-1"));
            logs.putLogEvents(b -> b.logGroupName("/console/app").logStreamName("web-1").logEvents(
                    e -> e.timestamp(java.time.Instant.now().toEpochMilli()).message("GET /health 200")));

            // The region the console's service pages use is chosen in the page (localStorage); the
            // region-scoped pages name theirs in the URL.
            String objects = HeadlessChromium.dom(page("/s3/console-photos?prefix=2026%2F"));
            assertTrue(objects.contains(">2026/cat.jpg</a>"), objects);
            String peek = HeadlessChromium.dom(page("/sqs/" + REGION + "?queue=" + java.net.URLEncoder.encode(queue,
                    StandardCharsets.UTF_8)));
            assertTrue(peek.contains("order #42"), peek);
            String items = HeadlessChromium.dom(page("/dynamodb/" + REGION + "/console-users?key=pk+%3D+%3Apk&values="
                    + java.net.URLEncoder.encode("{\":pk\":{\"S\":\"user#1\"}}", StandardCharsets.UTF_8)));
            assertTrue(items.contains("\"Ada\""), items);
            assertTrue(items.contains("1 items"), items);
            String functions = HeadlessChromium.dom(page("/lambda/" + REGION));
            assertTrue(functions.contains(">console-hello</a>"), functions);
            String events = HeadlessChromium.dom(page("/logs/" + REGION + "/%2Fconsole%2Fapp/web-1"));
            assertTrue(events.contains("GET /health 200"), events);
            // nothing was received: the message is still there for consumers
            assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(queue)).messages().size());
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // moves the clock (NAT gateway available, analyses run): after the other pages
    void theVpcPictureHighlightsAnAnalysedPathAndWhatStopsAnother() throws Exception {
        advanceClock(90); // the NAT gateway leaves pending
        String found = startAnalysis(b -> b.source(instance).destination(igw).protocol("tcp").destinationPort(443));
        String blocked = startAnalysis(b -> b.source(igw).destination(instance).protocol("tcp").destinationPort(443));
        String otherVpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
        String otherSubnet = ec2.createSubnet(b -> b.vpcId(otherVpc).cidrBlock("10.9.1.0/24")).subnet().subnetId();
        String otherEni = ec2.createNetworkInterface(b -> b.subnetId(otherSubnet)).networkInterface()
                .networkInterfaceId();
        String elsewhere = startAnalysis(b -> b.source(otherEni).destinationIp("8.8.8.8").protocol("tcp"));
        advanceClock(3); // analyses finish two seconds after they start
        var done = ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(found, blocked, elsewhere))
                .networkInsightsAnalyses();
        assertEquals(List.of("succeeded", "succeeded", "succeeded"), done.stream().map(a -> a.statusAsString()).toList(),
                done.toString());

        // app-a's instance reaches the internet through its subnet, the NAT gateway in public-a and the IGW
        String url = page("/vpc/" + REGION + "/" + vpc + "?analysis=" + found);
        String dom = HeadlessChromium.dom(url);
        assertTrue(dom.contains("<tr class=\"selected\" data-analysis-id=\"" + found + "\">"), dom);
        assertTrue(dom.contains("data-analysis-id=\"" + blocked + "\"><td><a"), "both analyses are listed: " + dom);
        assertFalse(dom.contains(elsewhere), "an analysis in another VPC is not listed: " + dom);
        assertTrue(dom.contains("<td class=\"found\">found</td><td>" + instance + " → " + igw + "</td><td>tcp/443</td>"
                + "<td>succeeded</td>"), dom);
        for (String id : List.of(instance, subnets.get("app-a"), nat, subnets.get("public-a"), igw)) {
            assertTrue(classOf(dom, id).contains("on-path"), id + " is on the path: " + classOf(dom, id));
        }
        for (String id : List.of(subnets.get("public-c"), subnets.get("app-c"), subnets.get("data-a"))) {
            assertFalse(classOf(dom, id).contains("on-path"), id + " is not on the path");
        }
        assertTrue(dom.contains("data-from=\"" + instance + "\" data-to=\"" + nat + "\" data-hop=\"1\""),
                "the first arrow goes from the instance to the NAT gateway: " + dom);
        assertTrue(dom.contains("data-from=\"" + nat + "\" data-to=\"" + igw + "\" data-hop=\"2\""),
                "the second arrow goes from the NAT gateway to the internet gateway: " + dom);
        assertFalse(dom.contains("data-hop=\"3\""), "two hops: " + dom);
        assertFalse(dom.contains("id=\"explanations\""), "a found path needs no explanation");
        HeadlessChromium.screenshot(url, Path.of("target", "console", "vpc-analysis.png"), 1100);

        // from the internet the instance cannot be reached: it has no public address
        String blockedUrl = page("/vpc/" + REGION + "/" + vpc + "?analysis=" + blocked);
        String stopped = HeadlessChromium.dom(blockedUrl);
        assertTrue(stopped.contains("<td class=\"not-found\">not found</td><td>" + igw + " → " + instance), stopped);
        assertTrue(classOf(stopped, igw).contains("blocked"), classOf(stopped, igw));
        assertFalse(classOf(stopped, subnets.get("app-a")).contains("blocked"), "only what stops the path is marked");
        assertTrue(stopped.contains("data-code=\"IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS\"><code>"
                + "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS</code> The destination has no public IP address"), stopped);
        HeadlessChromium.screenshot(blockedUrl, Path.of("target", "console", "vpc-analysis-blocked.png"), 1100);
    }

    @Test
    @Order(Integer.MAX_VALUE) // moves the clock: the other pages are read before
    void theClockPageShowsTheEmulatedTimeAndTheAdvancesMade() throws Exception {
        advanceClock(7200);
        String dom = HeadlessChromium.dom(page("/clock"));
        Matcher now = Pattern.compile("<p id=\"clock-now\">Now (\\S+) \\((\\d+) s ahead of real time\\)</p>").matcher(dom);
        assertTrue(now.find(), dom);
        assertTrue(Long.parseLong(now.group(2)) >= 7200, now.group());
        // the analyses' test advanced the clock too: this advance is one of the rows
        Matcher row = Pattern.compile("<tr><td>([^<]+)</td><td>([^<]+)</td>").matcher(dom);
        List<Long> advances = new java.util.ArrayList<>();
        while (row.find()) {
            advances.add(java.time.Duration.between(java.time.Instant.parse(row.group(1)),
                    java.time.Instant.parse(row.group(2))).getSeconds());
        }
        assertTrue(advances.contains(7200L), "the advance is listed: " + advances + " " + dom);
    }

    private static void advanceClock(long seconds) throws IOException, InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        var advance = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gureum.endpoint() + "/_gureum/clock"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, advance.statusCode(), advance.body());
    }

    private static String startAnalysis(java.util.function.Consumer<CreateNetworkInsightsPathRequest.Builder> path) {
        String pathId = ec2.createNetworkInsightsPath(path).networkInsightsPath().networkInsightsPathId();
        return ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(pathId)).networkInsightsAnalysis()
                .networkInsightsAnalysisId();
    }

    /** The class attribute of the picture's element for a component (subnet, gateway, instance …). */
    private static String classOf(String dom, String componentId) {
        Matcher m = Pattern.compile("<[a-z]+ [^>]*?class=\"([^\"]*)\"[^>]*data-component-id=\"" + componentId + "\"")
                .matcher(dom);
        assertTrue(m.find(), "no picture of " + componentId + ": " + dom);
        return m.group(1);
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }
}
