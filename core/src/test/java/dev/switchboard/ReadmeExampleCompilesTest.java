package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library example of the README compiles as written, imports included, against the library as it is: the
 * first thing a new user copies cannot drift from the code.
 */
class ReadmeExampleCompilesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theLibraryExampleCompiles(@TempDir Path out) throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
        Matcher m = JAVA_BLOCK.matcher(readme);
        assertThat(m.find()).as("README.md has a java example").isTrue();
        List<String> lines = m.group(1).lines().toList();
        String imports = String.join("\n", lines.stream().filter(l -> l.startsWith("import ")).toList());
        String body = String.join("\n", lines.stream().filter(l -> !l.startsWith("import ")).toList());
        String source = imports + "\n\nclass ReadmeExample {\n    void run() throws Exception {\n" + body
                + "\n    }\n}\n";

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeExample.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = javac.getTask(diagnostics, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"), null, List.of(file))
                .call();

        assertThat(ok).as("the README example must compile:\n%s\n%s", diagnostics, source).isTrue();
    }
}
