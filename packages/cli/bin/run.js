#!/usr/bin/env node
import {execute} from '@oclif/core';

// The AWS SDK warns on every run that its future releases will need Node 22. That is for kopsx's
// maintainers to act on, not its users, so keep it out of their terminals.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A linked provider plugin (`kopsx plugins link DIR`) is always used from its compiled dist/, which is what oclif
// warns about on every command for ESM plugins; for kopsx that is the expected way to develop a provider.
process.env.OCLIF_DISABLE_LINKED_ESM_WARNING ??= '1';

await execute({dir: import.meta.url});
