;;; cable-mode.el --- Tagged diplomatic cables with eglot  -*- lexical-binding: t; -*-

;; A major mode for .cable files and for .txt files that start like a cable,
;; with the Tagged Cables language server through eglot (Emacs 29, or eglot
;; from GNU ELPA).

(define-derived-mode cable-mode text-mode "Cable"
  "Tagged diplomatic cables.")

(add-to-list 'auto-mode-alist '("\\.cable\\'" . cable-mode))

;; The wrapper or a classification banner, after an optional dateline.
(add-to-list 'magic-mode-alist
             '("\\`\\(?:\uFEFF\\)?\\(?:<code><pre>\\|\\(?:[A-Z][a-z]+day *, *[0-9]+ +[A-Z][a-z]+ +[0-9]+ *, *[0-9]+:[0-9]+ +\\)?\\(?:C O N F I D E N T I A L\\|T O P S E C R E T\\|S E C R E T\\|U N C L A S\\|UNCLAS\\|CONFIDENTIAL\\|TOP SECRET\\|SECRET\\)\\)" . cable-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(cable-mode . ("cable-language-server" "--stdio"))))

(add-hook 'cable-mode-hook #'eglot-ensure)

;; Settings, answered to workspace/configuration (names as in VS Code without the prefix):
;; (setq-default eglot-workspace-configuration '(:taggedCables (:rules (:tag-spacing "off"))))

(provide 'cable-mode)
;;; cable-mode.el ends here
