package io.gureum.lambda.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a runtime finds its layers' content. Lambda extracts layers into {@code /opt}; Gureum merges them
 * into a directory of its own ({@link FunctionSpec#optDirectory()}) and points the same variables at it that
 * Lambda's runtimes use for {@code /opt} (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html,
 * "Layer paths for each Lambda runtime", and the defined variables of
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html):
 * <ul>
 * <li>Python: {@code python/lib/python3.x/site-packages} then {@code python} (on {@code sys.path} after the
 * task root, before the runtime's own packages) through {@code PYTHONPATH};</li>
 * <li>Node.js: {@code nodejs/node<major>/node_modules} then {@code nodejs/node_modules} through {@code NODE_PATH};</li>
 * <li>Java: {@code java/lib/*} on the class path ({@link JavaRuntime});</li>
 * <li>every runtime: {@code bin} at the end of {@code PATH}, {@code lib} at the end of {@code LD_LIBRARY_PATH}
 * after the task root and its {@code lib}.</li>
 * </ul>
 * A function that names {@code /opt/...} literally does not find the files: Gureum runs without a container.
 */
final class LayerPaths {
    private LayerPaths() {
    }

    static Map<String, String> of(FunctionSpec spec, String path) {
        Path opt = spec.optDirectory().toAbsolutePath();
        Path task = spec.codeDirectory().toAbsolutePath();
        String runtime = spec.runtime() == null ? "" : spec.runtime();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path + File.pathSeparator + opt.resolve("bin"));
        env.put("LD_LIBRARY_PATH", String.join(File.pathSeparator, task.toString(), task.resolve("lib").toString(),
                opt.resolve("lib").toString()));
        if (runtime.startsWith("python")) {
            env.put("PYTHONPATH", String.join(File.pathSeparator,
                    opt.resolve("python/lib/" + runtime + "/site-packages").toString(), opt.resolve("python").toString()));
        }
        if (runtime.startsWith("nodejs")) {
            String major = runtime.substring("nodejs".length()).split("\\.")[0];
            env.put("NODE_PATH", String.join(File.pathSeparator,
                    opt.resolve("nodejs/node" + major + "/node_modules").toString(),
                    opt.resolve("nodejs/node_modules").toString()));
        }
        return env;
    }
}
