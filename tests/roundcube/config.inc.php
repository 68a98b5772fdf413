<?php
// Roundcube for the end-to-end test (tests/roundcube/stack.mjs fills in the @…@ placeholders; Roundcube
// reads it through ROUNDCUBE_CONFIG_DIR, next to Debian's defaults.inc.php). IMAP is the run's
// dovecot, SMTP the run's sink (no authentication), the database a SQLite file in the run's
// temp directory.
$config = [];
$config['db_dsnw'] = 'sqlite:///@RUN@/roundcube.db?mode=0600';
$config['imap_host'] = '127.0.0.1:@IMAP_PORT@';
$config['smtp_host'] = '127.0.0.1:@SMTP_PORT@';
$config['smtp_user'] = '';
$config['smtp_pass'] = '';
$config['des_key'] = 'zorgvuldig-e2e-test-key!';
$config['temp_dir'] = '@RUN@/temp/';
$config['log_dir'] = '@RUN@/logs/';
$config['log_driver'] = 'file';
$config['plugins'] = [];
$config['skin'] = '@SKIN@';
$config['language'] = 'nl_NL';
$config['enable_spellcheck'] = false;
$config['enable_installer'] = false;
$config['support_url'] = '';
$config['product_name'] = 'Roundcube Webmail';
$config['check_all_folders'] = false;
// The compose window sends at once (no "are you sure" for an empty subject in these tests).
$config['draft_autosave'] = 0;
