import MaillageApp

Maillage.main()
