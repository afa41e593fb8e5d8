package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A CDK app ({@code cdk-app/app.js}: a VPC, a versioned bucket and a function reading it) synthesised by
 * {@code aws-cdk-lib} from npm in the test, and its template deployed with {@code aws cloudformation deploy}.
 * Needs node and the npm registry, which CI may not reach and a clean checkout must not depend on: it runs only
 * with {@code -Dgureum.cdk=true} (CONTRIBUTING.md), and is skipped, saying so, without it or without npm.
 */
@Tag("slow") // npm install, a synth and the CLI's waiters: skipped by mvn verify -Dfast
class CdkAppIT extends EndToEndSupport {
    private java.nio.channels.FileChannel cdkApp;

    @org.junit.jupiter.api.BeforeEach
    void lockApp() throws IOException {
        cdkApp = lockCdkApp();
    }

    @org.junit.jupiter.api.AfterEach
    void unlockApp() throws IOException {
        cdkApp.close();
    }


    @Test
    void synthesisedAppDeploysWithTheCli() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("gureum.cdk"),
                "the CDK app installs aws-cdk-lib from npm: run with -Dgureum.cdk=true");
        Path app = Path.of("target", "cdk-app");
        Files.createDirectories(app);
        for (String f : List.of("package.json", "app.js")) {
            try (InputStream in = getClass().getResourceAsStream("/cdk-app/" + f)) {
                Files.write(app.resolve(f), in.readAllBytes());
            }
        }
        Assumptions.assumeTrue(Files.isDirectory(app.resolve("node_modules/aws-cdk-lib"))
                || run(app, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error") == 0,
                "npm cannot install aws-cdk-lib here (no node or no registry)");
        String name = unique("CourseCdk");
        Path out = app.resolve("cdk.out-" + name);
        assertEquals(0, run(app, "env", "CDK_OUTDIR=" + out.getFileName(), "STACK_NAME=" + name, "node", "app.js"));
        Path template = out.resolve(name + ".template.json");
        assertTrue(Files.readString(template).contains("AWS::EC2::NatGateway"));

        AwsCli.Result deployed = AwsCli.run(gureum, EndToEndSupport::advance, "cloudformation", "deploy",
                "--template-file", template.toString(), "--stack-name", name, "--capabilities", "CAPABILITY_IAM");
        assertEquals(0, deployed.exitCode(), deployed.all());
        Stack stack = cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString());

        String vpc = output(stack, "VpcId");
        assertEquals(4, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc))).subnets().size(),
                "a public and a private subnet in each of two zones");
        assertEquals(1, ec2.describeNatGateways(b -> b.filter(filter("vpc-id", vpc))).natGateways().size());
        String bucket = output(stack, "BucketName");
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
                LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum)) {
            assertEquals("Enabled", s3.getBucketVersioning(b -> b.bucket(bucket)).statusAsString());
            FunctionConfiguration fn = lambda.getFunction(b -> b.functionName(output(stack, "FunctionName")))
                    .configuration();
            assertEquals(bucket, fn.environment().variables().get("BUCKET"));
            assertEquals("python3.12", fn.runtimeAsString());
        }

        // CDK's bucket is RemovalPolicy.RETAIN by default (DeletionPolicy Retain): it outlives the stack.
        AwsCli.Result deleting = AwsCli.run(gureum, () -> { }, "cloudformation", "delete-stack", "--stack-name",
                name);
        assertEquals(0, deleting.exitCode(), deleting.all());
        AwsCli.Result waited = AwsCli.run(gureum, EndToEndSupport::advance, "cloudformation", "wait",
                "stack-delete-complete", "--stack-name", stack.stackId());
        assertEquals(0, waited.exitCode(), waited.all());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().isEmpty());
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum)) {
            s3.headBucket(b -> b.bucket(bucket));
        }
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("cdk", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", command) + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return p.exitValue();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
