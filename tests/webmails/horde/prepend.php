<?php
// Run before every script php -S serves (auto_prepend_file): Horde and IMP read their config from
// the run's own copy of their folders, not from the machine's /etc/horde.
define('HORDE_BASE', '@RUN@/horde');
define('IMP_BASE', '@RUN@/horde/imp');
