package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code cdk bootstrap}, {@code cdk deploy} and {@code cdk destroy} of the CDK app ({@code cdk-app/app.js}: a VPC,
 * a versioned bucket and a function) with the CDK CLI from npm pointed at this server by {@code AWS_ENDPOINT_URL}:
 * the bootstrap stack's staging bucket, container asset repository, roles and version parameter, then the app's
 * template published to the bucket with the assumed file-publishing role and deployed through a change set with
 * the assumed deploy role. Needs node and the npm registry: runs only with {@code -Dgureum.cdk=true}, like
 * {@link CdkAppIT}. The CLI's notices, telemetry and version check are turned off: nothing goes to AWS.
 */
@Tag("slow")
class CdkDeployIT extends EndToEndSupport {
    private java.nio.channels.FileChannel cdkApp;

    @org.junit.jupiter.api.BeforeEach
    void lockApp() throws IOException {
        cdkApp = lockCdkApp();
    }

    @org.junit.jupiter.api.AfterEach
    void unlockApp() throws IOException {
        cdkApp.close();
    }

    static final String QUALIFIER = "hnb659fds";

    @Test
    void bootstrapDeployAndDestroyWithTheCdkCli() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("gureum.cdk"),
                "the CDK CLI and aws-cdk-lib come from npm: run with -Dgureum.cdk=true");
        Path app = Path.of("target", "cdk-app").toAbsolutePath();
        Files.createDirectories(app);
        for (String f : List.of("package.json", "app.js")) {
            try (InputStream in = getClass().getResourceAsStream("/cdk-app/" + f)) {
                Files.write(app.resolve(f), in.readAllBytes());
            }
        }
        Assumptions.assumeTrue(Files.exists(app.resolve("node_modules/aws-cdk/bin/cdk"))
                || run(app, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), "-", () -> { }).code == 0,
                "npm cannot install the CDK here (no node or no registry)");
        String account = "000000000000";
        String name = unique("CourseCdkDeploy");

        Run bootstrap = cdk(app, name, () -> { }, "bootstrap", "aws://" + account + "/us-east-1");
        assertEquals(0, bootstrap.code, bootstrap.output);
        Stack toolkit = cfn.describeStacks(b -> b.stackName("CDKToolkit")).stacks().get(0);
        assertEquals("CREATE_COMPLETE", toolkit.stackStatusAsString());
        String assets = output(toolkit, "BucketName");
        assertEquals("cdk-" + QUALIFIER + "-assets-" + account + "-us-east-1", assets);
        try (EcrClient ecr = AwsClients.client(EcrClient.builder(), gureum);
                SsmClient ssm = AwsClients.client(SsmClient.builder(), gureum)) {
            assertEquals("IMMUTABLE", ecr.describeRepositories(b -> b.repositoryNames(output(toolkit,
                    "ImageRepositoryName"))).repositories().get(0).imageTagMutabilityAsString());
            assertEquals(output(toolkit, "BootstrapVersion"), ssm.getParameter(b -> b.name("/cdk-bootstrap/"
                    + QUALIFIER + "/version")).parameter().value());
        }

        Run deployed = cdk(app, name, () -> { }, "deploy", name, "--require-approval", "never");
        assertEquals(0, deployed.code, deployed.output);
        Stack stack = cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());
        String vpc = output(stack, "VpcId");
        assertEquals(4, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc))).subnets().size());
        String bucket = output(stack, "BucketName");
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
                LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum)) {
            assertEquals("Enabled", s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString());
            assertEquals(bucket, lambda.getFunction(b -> b.functionName(output(stack, "FunctionName")))
                    .configuration().environment().variables().get("BUCKET"));
            assertTrue(s3.listObjectsV2(b -> b.bucket(assets)).contents().stream()
                    .anyMatch(o -> o.key().endsWith(".json")), "the template was published to the staging bucket");
        }

        // The NAT gateway takes a minute of the clock to be deleted: move it on, but slowly, since the CLI's
        // assumed-role sessions expire after an hour of the same clock (ExpiredToken), as on AWS.
        Run destroyed = cdk(app, name, () -> gureum.context().clock().advance(java.time.Duration.ofSeconds(5)),
                "destroy", name, "--force");
        assertEquals(0, destroyed.code, destroyed.output);
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().isEmpty());
    }

    /** Runs the CDK CLI of {@code app}'s node_modules on the app (its stack named {@code stack}), against this server only. */
    private Run cdk(Path app, String stack, Runnable whileRunning, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", app.resolve("node_modules/aws-cdk/bin/cdk").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--app", "node app.js", "--no-notices", "--no-version-reporting", "--ci"));
        return run(app, command, stack, whileRunning);
    }

    private record Run(int code, String output) {
    }

    private static Run run(Path dir, List<String> command, String stack, Runnable whileRunning) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cdk", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("CDK_"));
            pb.environment().put("AWS_ENDPOINT_URL", gureum.endpoint().toString());
            pb.environment().put("AWS_ACCESS_KEY_ID", "000000000000");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.environment().put("CDK_DISABLE_VERSION_CHECK", "true");
            pb.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
            pb.environment().put("CDK_HOME", dir.resolve(".cdk-home").toString());
            pb.environment().put("STACK_NAME", stack);
            Process p = pb.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    return new Run(-1, Files.readString(log, StandardCharsets.UTF_8));
                }
                whileRunning.run();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ":\n" + output);
            }
            return new Run(p.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
