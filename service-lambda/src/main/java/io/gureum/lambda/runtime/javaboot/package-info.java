/**
 * Gureum's Lambda runtime for Java: runs in the function's own JVM, next to the function's classes, and
 * therefore depends on nothing but the JDK. {@link io.gureum.lambda.runtime.javaboot.LambdaBootstrap} is the
 * main class; the process runner writes this package's class files to its runtimes directory at first use.
 */
package io.gureum.lambda.runtime.javaboot;
