package com.rebound.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's settings: a logo file is read with its media type; a missing or unknown one is no logo. */
class ProviderTest {

  @Test
  void aLogoFileIsReadWithItsMediaType(@TempDir Path folder) throws Exception {
    Path png = Files.write(folder.resolve("logo.PNG"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Provider provider = new Provider("Sistemas Ejemplo S.L.", null, null, null, null, png.toString(), null);

    Provider.Logo logo = provider.logoFile().orElseThrow();

    assertThat(logo.mediaType()).isEqualTo("image/png");
    assertThat(logo.content()).hasSize(4);
    assertThat(logo.dataUri()).startsWith("data:image/png;base64,iVBORw");
    assertThat(provider.named()).isTrue();
  }

  @Test
  void noFileOrAnUnknownKindIsNoLogo(@TempDir Path folder) throws Exception {
    Path gif = Files.write(folder.resolve("logo.gif"), new byte[] {1});
    assertThat(new Provider(" ", null, null, null, null, gif.toString(), null).logoFile()).isEmpty();
    assertThat(new Provider(null, null, null, null, null, folder.resolve("none.png").toString(), null).logoFile()).isEmpty();
    assertThat(new Provider(" ", null, null, null, null, null, null).named()).isFalse();
  }
}
