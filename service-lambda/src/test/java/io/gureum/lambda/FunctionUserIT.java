package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.lambda.runtime.FunctionUser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Function processes never run as root when they can run unprivileged: a server run as root starts a
 * function whose interpreter every user can run (the system's node) as nobody, with its code read-only.
 */
class FunctionUserIT extends LambdaTestSupport {
    @Test
    void aFunctionRunsAsNobodyWhenTheServerRunsAsRootAndAsTheServersUserOtherwise() throws Exception {
        String name = unique("node");
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").role(ROLE).handler("index.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("index.js", "const fs = require('fs');\n"
                        + "exports.handler = async () => {\n"
                        + "  let canWriteCode = true;\n"
                        + "  try { fs.accessSync(process.env.LAMBDA_TASK_ROOT, fs.constants.W_OK); }"
                        + " catch (e) { canWriteCode = false; }\n"
                        + "  return { uid: process.geteuid(), gid: process.getegid(), groups: process.getgroups(),"
                        + " canWriteCode };\n"
                        + "};\n")))));
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        JsonNode body = InvokeIT.JSON.readTree(r.payload().asUtf8String());
        int serverUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (serverUid == 0 && FunctionUser.dropsPrivileges() && FunctionUser.reachableByOthers(Path.of("/usr/bin/node"))) {
            assertEquals(65534, body.get("uid").asInt());
            assertEquals(65534, body.get("gid").asInt());
            // node's getgroups() adds the effective gid: no other group, root's least of all
            body.get("groups").forEach(g -> assertEquals(65534, g.asInt(), body.toString()));
            assertFalse(body.get("canWriteCode").asBoolean(), "the task root is read-only to the function");
        } else {
            assertEquals(serverUid, body.get("uid").asInt());
        }
    }

    @Test
    void anExecutableIsReachableByOthersOnlyWhenItAndEveryDirectoryAboveAllowIt() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "function-user-");
        try {
            Path exe = Files.createFile(dir.resolve("python3"));
            Files.setPosixFilePermissions(exe, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            assertFalse(FunctionUser.reachableByOthers(exe));
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            assertTrue(FunctionUser.reachableByOthers(exe));
            Files.setPosixFilePermissions(exe, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
            assertFalse(FunctionUser.reachableByOthers(exe));
        } finally {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
